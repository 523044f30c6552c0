using CommsPlan.Core.Feedback;

namespace CommsPlan.Tests.Core.Feedback;

public sealed class DifficultyInputValidatorTests
{
    private static IReadOnlyList<string> Errors(Action<DifficultyInput> change)
    {
        var input = new DifficultyInput { AgencyId = 1, Title = "Thiếu kinh phí in tờ rơi", Content = "Kinh phí năm 2021 chưa được bố trí." };
        change(input);
        return new DifficultyInputValidator().Validate(input).Errors.Select(e => e.ErrorMessage).ToList();
    }

    [Fact]
    public void AcceptsAValidDifficulty() => Assert.Empty(Errors(_ => { }));

    [Fact]
    public void RequiresTheAgency() => Assert.Equal(["Đơn vị là bắt buộc."], Errors(i => i.AgencyId = null));

    [Fact]
    public void RequiresABoundedTitle()
    {
        Assert.Equal(["Tiêu đề là bắt buộc."], Errors(i => i.Title = ""));
        Assert.Empty(Errors(i => i.Title = new string('a', FeedbackLimits.TitleMaxLength)));
        Assert.Equal(["Tiêu đề không được dài quá 300 ký tự."], Errors(i => i.Title = new string('a', FeedbackLimits.TitleMaxLength + 1)));
    }

    [Fact]
    public void RequiresABoundedContent()
    {
        Assert.Equal(["Nội dung là bắt buộc."], Errors(i => i.Content = "\n"));
        Assert.Equal(["Nội dung không được dài quá 4000 ký tự."], Errors(i => i.Content = new string('a', FeedbackLimits.ContentMaxLength + 1)));
    }

    [Fact]
    public void AnAnswerMustSaySomethingWithinBounds()
    {
        var validator = new DifficultyAnswerInputValidator();
        Assert.Equal(["Nội dung trả lời là bắt buộc."], validator.Validate(new DifficultyAnswerInput { Answer = "" }).Errors.Select(e => e.ErrorMessage));
        Assert.Equal(["Nội dung trả lời không được dài quá 4000 ký tự."],
            validator.Validate(new DifficultyAnswerInput { Answer = new string('a', 4001) }).Errors.Select(e => e.ErrorMessage));
        Assert.True(validator.Validate(new DifficultyAnswerInput { Answer = "Đã giải đáp." }).IsValid);
    }
}
