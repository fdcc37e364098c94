using System.Reflection;
using System.Reflection.Emit;

namespace OcopMarket.Tests.Architecture;

/// <summary>
/// Which types a type uses, read by plain reflection: its signatures (base type, interfaces, fields, properties,
/// method parameters and results, generic arguments) and the tokens in its method bodies' IL (calls, field
/// reads, object creation, casts). Compiler-made types (lambdas, async state machines, closures) count for the
/// type that declares them, so a dependency hidden in a lambda still shows.
/// </summary>
public static class TypeDependencies
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                          BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The outermost declaring type: what a developer wrote, not what the compiler generated.</summary>
    public static Type Owner(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    /// <summary>Every type written in the assembly (nested compiler-made types folded into their owners).</summary>
    public static IReadOnlyDictionary<Type, HashSet<Type>> Of(Assembly assembly)
    {
        var result = new Dictionary<Type, HashSet<Type>>();
        foreach (var type in assembly.GetTypes())
        {
            var owner = Owner(type);
            if (!result.TryGetValue(owner, out var uses)) result[owner] = uses = [];
            foreach (var used in UsedBy(type)) uses.Add(used);
        }
        return result;
    }

    private static IEnumerable<Type> UsedBy(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericParameter) return;
            if (t.IsGenericType)
            {
                foreach (var arg in t.GetGenericArguments()) Add(arg);
                t = t.GetGenericTypeDefinition();
            }
            found.Add(t);
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var f in type.GetFields(Declared)) Add(f.FieldType);
        foreach (var p in type.GetProperties(Declared)) Add(p.PropertyType);
        foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (m is MethodInfo mi) Add(mi.ReturnType);
            foreach (var p in m.GetParameters()) Add(p.ParameterType);
            foreach (var t in TypesInBody(m)) Add(t);
        }
        return found;
    }

    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException) { yield break; }
        if (il is null) yield break;

        var typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[i++]));
            if (!OpCodesByValue.TryGetValue(value, out var op)) yield break; // unknown byte: stop reading this body
            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    MemberInfo? member = null;
                    try { member = method.Module.ResolveMember(token, typeArgs, methodArgs); }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException) { }
                    switch (member)
                    {
                        case Type t: yield return t; break;
                        case MethodBase m:
                            if (m.DeclaringType is { } d) yield return d;
                            if (m is MethodInfo { IsGenericMethod: true } g)
                                foreach (var a in g.GetGenericArguments()) yield return a;
                            break;
                        case FieldInfo f:
                            if (f.DeclaringType is { } fd) yield return fd;
                            yield return f.FieldType;
                            break;
                    }
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    i += 4;
                    break;
            }
        }
    }
}
