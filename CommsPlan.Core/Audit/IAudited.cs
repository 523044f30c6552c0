namespace CommsPlan.Core.Audit;

/// <summary>
/// A record users edit: every create, update and delete of it is written to the audit history by the write path
/// (<see cref="Data.Writing.WritePipeline"/>, through <see cref="AuditRecorder"/>), with who, when and the values before
/// and after. Mark a new entity with it and its history is kept; nothing else to write.
/// </summary>
public interface IAudited;

/// <summary>
/// A part of an audited record (a unit plan's target): its changes are written into the history of the record
/// it belongs to (found through its foreign key to an <see cref="IAudited"/> entity), named after the part
/// (`Targets[BAO].Quantity`), so the record's "Lịch sử" tells the whole story.
/// </summary>
public interface IAuditedPart;

/// <summary>
/// A property of an audited record that its history never shows: a secret's hash (an API token's), or bookkeeping that
/// changes on its own (a token's last use) or repeats the entry's own who and when.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
