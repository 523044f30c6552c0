namespace CommsPlan.Core.Activities;

/// <summary>An activity as lists and the report's detail sheet show it.</summary>
/// <param name="Objectives">Display codes joined by ", " in catalogue order ("MĐ1, MĐ3").</param>
/// <param name="FileCount">How many evidence files the activity has.</param>
public sealed record ActivityRow(
    int Id,
    DateOnly StartDate,
    DateOnly? EndDate,
    string AgencyCode,
    string AgencyName,
    string FormGroupCode,
    string ChannelCode,
    string ChannelName,
    string Unit,
    string Title,
    int Quantity,
    long? SecondMeasure,
    string? SecondMeasureUnit,
    string Objectives,
    string Themes,
    string? DistrictName,
    long? Cost,
    string? EvidenceUrl,
    int FileCount);
