using System.Runtime.CompilerServices;
using Bunit;

namespace OcopMarket.Tests.Support;

internal static class ComponentWaitTimeout
{
    /// <summary>
    /// bUnit's WaitFor* give up after 1 s by default. With the app on PostgreSQL a component's loads and saves
    /// really await a server, and on a loaded 2-core CI machine a save took longer than that; a wait that succeeds
    /// returns as soon as its assertion passes, so a longer bound costs nothing when the test is green.
    /// </summary>
    [ModuleInitializer]
    internal static void Lengthen() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
