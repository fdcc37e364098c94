using OcopMarket.Core.Common;

namespace OcopMarket.Core.Legal;

/// <summary>
/// The "Legal" section: who operates the marketplace (the Law on E-commerce and Decree 52/2013 Art. 36 ask a
/// marketplace to publish its operator's name, registration, address and contacts; the Law on Personal Data Protection
/// asks the data controller to say who it is) and the numbers the published documents promise. The defaults name a
/// demo operator; start-up outside Development refuses them.
/// </summary>
public sealed class LegalSettings : IValidatedSettings
{
    public const string Section = "Legal";
    public const string DemoOperatorName = "OcopMarket (đơn vị vận hành thử nghiệm / demo operator)";

    public string OperatorName { get; set; } = DemoOperatorName;
    public string OperatorRegistration { get; set; } = "0000000000";
    public string OperatorAddress { get; set; } = "Hà Nội, Việt Nam";
    public string OperatorEmail { get; set; } = "privacy@ocopmarket.test";
    public string OperatorPhone { get; set; } = "024 0000 0000";

    /// <summary>Years order records are kept for accounting and tax (the Law on Accounting keeps vouchers 10 years).</summary>
    public int OrderRetentionYears { get; set; } = 10;

    /// <summary>Days after delivery the producer still sees the buyer's phone and address (then only the name).</summary>
    public int ProducerContactDays { get; set; } = 30;

    /// <summary>Days a buyer has to report a fault with what they received.</summary>
    public int ReturnDays { get; set; } = 7;

    /// <summary>Working days a producer has to answer a complaint before an officer decides.</summary>
    public int ComplaintAnswerDays { get; set; } = 3;

    /// <summary>
    /// Days an officer has to carry out a person's request about their data (deletion, correction, objection). Decree
    /// 13/2023 gave 72 hours; Decree 356/2025 is reported to give 2 working days to reply and 10–20 days to carry it out.
    /// The default takes the stricter reading: 3 days, 72 hours.
    /// </summary>
    public int DataRequestDays { get; set; } = 3;

    public TimeSpan DataRequestTime => TimeSpan.FromDays(DataRequestDays);

    public bool IsDemoOperator => OperatorName == DemoOperatorName;

    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[]
                 {
                     ("OperatorName", OperatorName), ("OperatorRegistration", OperatorRegistration), ("OperatorAddress", OperatorAddress),
                     ("OperatorEmail", OperatorEmail), ("OperatorPhone", OperatorPhone),
                 })
            if (string.IsNullOrWhiteSpace(value)) yield return $"Legal:{name} must be set: the operating rules and the privacy notice publish it.";
        if (OrderRetentionYears is < 1 or > 30) yield return $"Legal:OrderRetentionYears must be between 1 and 30 (got {OrderRetentionYears}).";
        if (ProducerContactDays is < 1 or > 365) yield return $"Legal:ProducerContactDays must be between 1 and 365 (got {ProducerContactDays}).";
        if (ReturnDays is < 1 or > 90) yield return $"Legal:ReturnDays must be between 1 and 90 (got {ReturnDays}).";
        if (DataRequestDays is < 1 or > 30) yield return $"Legal:DataRequestDays must be between 1 and 30 (got {DataRequestDays}).";
        if (ComplaintAnswerDays is < 1 or > 30) yield return $"Legal:ComplaintAnswerDays must be between 1 and 30 (got {ComplaintAnswerDays}).";
    }
}
