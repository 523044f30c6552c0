namespace CommsPlan.Core.Api;

public static class ApiTokenLimits
{
    public const int NameMaxLength = 100;
    public const int IdempotencyKeyMaxLength = 200;
}
