namespace OcopMarket.Core.VietQr;

/// <summary>What a VietQR transfer code carries.</summary>
/// <param name="BankBin">The beneficiary bank's 6-digit BIN (acquirer ID), as listed in banks-vn.json.</param>
/// <param name="AccountNumber">The beneficiary account number.</param>
/// <param name="AmountVnd">Whole đồng; null for a static code where the payer types the amount.</param>
/// <param name="Reference">Transfer content (our order number); null for none.</param>
public sealed record VietQrRequest(string BankBin, string AccountNumber, long? AmountVnd, string? Reference);
