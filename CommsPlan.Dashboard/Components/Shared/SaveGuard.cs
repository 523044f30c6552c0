using CommsPlan.Core.Data;
using Microsoft.AspNetCore.Components;

namespace CommsPlan.Dashboard.Components.Shared;

/// <summary>
/// What an editor needs so that a failed save never costs the user their input or tells them something false
/// (shown by <see cref="SaveFailureAlert"/>):
/// <list type="bullet">
/// <item>a database that cannot take the save now (busy, read-only, unreachable: <see cref="Failed"/>) leaves the form
/// as it is and offers "Thử lại", which runs the same save again with the same input;</item>
/// <item>a connection that dropped since the form was drawn (<see cref="ConnectionIntact"/>) stops the save before it
/// stores what the server holds as if it were what the user sees: the form is drawn again from the server's values
/// (<see cref="FormKey"/>) and the user is asked to check it.</item>
/// </list>
/// </summary>
/// <param name="connection">The circuit's connection count.</param>
/// <param name="editor">The editor the retried save belongs to: it renders again when the retry ends.</param>
public sealed class SaveGuard(CircuitConnection connection, IHandleEvent editor)
{
    public const string InterruptedMessage =
        "Kết nối với máy chủ vừa bị gián đoạn nên có thể một phần nội dung bạn vừa nhập chưa đến máy chủ; chưa lưu gì. " +
        "Biểu mẫu đã hiển thị lại đúng nội dung máy chủ nhận được: hãy kiểm tra, nhập lại phần còn thiếu rồi bấm Lưu.";

    private int _seen = connection.Interruptions;

    /// <summary>Put on the form as its @key: it changes when the form must be drawn again from the server's values.</summary>
    public int FormKey { get; private set; }

    /// <summary>What to tell the user, or null.</summary>
    public string? Message { get; private set; }

    /// <summary>The save to run again from the alert's "Thử lại"; none when retrying cannot help.</summary>
    public EventCallback Retry { get; private set; }

    /// <summary>Call first in a save: false (and the form redrawn, the message set) when the connection dropped since.</summary>
    public bool ConnectionIntact()
    {
        var now = connection.Interruptions;
        if (now == _seen) return true;
        _seen = now;
        FormKey++;
        Message = InterruptedMessage;
        Retry = default;
        return false;
    }

    /// <summary>
    /// For a catch filter: true, with the message and <paramref name="retry"/> kept, when <paramref name="exception"/>
    /// means the database could not take the save now; false for anything else.
    /// </summary>
    public bool Failed(Exception exception, Func<Task> retry)
    {
        if (DatabaseFailures.Unavailable(exception) is not { } unavailable) return false;
        Message = unavailable.Message;
        Retry = EventCallback.Factory.Create(editor, retry);
        return true;
    }

    public void Clear()
    {
        Message = null;
        Retry = default;
    }
}
