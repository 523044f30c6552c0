using CommsPlan.Core.Access;
using CommsPlan.Core.Plans;

namespace CommsPlan.Tests.Core.Plans;

/// <summary>The rules the plan editor and any import share.</summary>
public sealed class PlanEditingInputValidatorTests
{
    [Theory]
    [InlineData("MD5", true)]
    [InlineData("mđ5", true)]
    [InlineData(" mxh ", true)]
    [InlineData("5MD", false)]
    [InlineData("MẠNG", false)]
    [InlineData("MXH-1", false)]
    [InlineData("ABCDEFGHIJKLMNOPQ", false)]
    public void CodesAreAsciiUpperCaseStartingWithALetter(string code, bool valid)
    {
        var result = new PlanItemInputValidator().Validate(new PlanItemInput { Kind = PlanItemKind.Theme, Code = code, ShortName = "a", Text = "b" });

        Assert.Equal(valid, result.IsValid);
        if (!valid) Assert.Equal(PlanCodes.Message, result.Errors.Single().ErrorMessage);
    }

    [Fact]
    public void AnAssignmentBindsAtLeastOneKindOfAgency()
    {
        var input = new PlanItemInput { Kind = PlanItemKind.Assignment, Code = "NV12", ShortName = "a", Text = "b" };

        Assert.Equal("Vui lòng chọn ít nhất một loại đơn vị thực hiện nhiệm vụ.", new PlanItemInputValidator().Validate(input).Errors.Single().ErrorMessage);
        input.Binds = AgencyKinds.Media;
        Assert.True(new PlanItemInputValidator().Validate(input).IsValid);
    }

    [Fact]
    public void TheUnitPlanAssignmentNeedsADeadlineWhileAnOrdinaryAssignmentMayHaveNone()
    {
        var validator = new PlanItemInputValidator();
        var input = new PlanItemInput
        {
            Kind = PlanItemKind.Assignment, Code = "NV1", ShortName = "a", Text = "b", Binds = AgencyKinds.Media, IsUnitPlanAssignment = true,
        };

        Assert.Equal([PlanItemInputValidator.UnitPlanDeadlineMessage], validator.Validate(input).Errors.Select(e => e.ErrorMessage));
        input.Deadline = new DateOnly(2022, 3, 31);
        Assert.True(validator.Validate(input).IsValid);
        input.IsUnitPlanAssignment = false;
        input.Deadline = null;
        Assert.True(validator.Validate(input).IsValid);
    }

    [Fact]
    public void OnlyAnAssignmentCanBeTheUnitPlanAssignment()
    {
        var theme = new PlanItemInput { Kind = PlanItemKind.Theme, Code = "ND9", ShortName = "a", Text = "b", IsUnitPlanAssignment = true };

        Assert.Equal(["Chỉ một nhiệm vụ mới có thể là nhiệm vụ xây dựng kế hoạch của đơn vị."],
            new PlanItemInputValidator().Validate(theme).Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public void ASecondMeasureHasBothALabelAndAUnitOrNeither()
    {
        var validator = new ChannelInputValidator();
        var channel = new ChannelInput { Code = "ZALO", Name = "Zalo OA", Unit = "tin, bài", SecondMeasureLabel = "Lượt xem" };

        Assert.Equal(["Vui lòng nhập đơn vị tính của chỉ số phụ."], validator.Validate(channel).Errors.Select(e => e.ErrorMessage));
        channel.SecondMeasureUnit = "lượt";
        Assert.True(validator.Validate(channel).IsValid);
        channel.SecondMeasureLabel = null;
        Assert.Equal(["Vui lòng nhập tên chỉ số phụ (hoặc bỏ trống cả đơn vị tính của nó)."], validator.Validate(channel).Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public void APeriodEndsOnOrAfterItStartsAndHasTheDocumentsFields()
    {
        var header = new PlanHeaderInput
        {
            Number = "15/KH-UBND", Title = "Kế hoạch năm 2022", IssuedOn = new DateOnly(2022, 1, 20), SignerTitle = "Phó Chủ tịch", Signer = "Lê Quang Tiến",
            PeriodStart = new DateOnly(2022, 1, 1), PeriodEnd = new DateOnly(2021, 12, 31), FundingText = "Ngân sách nhà nước.",
        };

        Assert.Equal(["Ngày kết thúc thực hiện không được trước ngày bắt đầu."], new PlanHeaderInputValidator().Validate(header).Errors.Select(e => e.ErrorMessage));
        header.PeriodEnd = new DateOnly(2022, 12, 31);
        header.Signer = " ";
        Assert.Equal(["Vui lòng nhập họ và tên người ký."], new PlanHeaderInputValidator().Validate(header).Errors.Select(e => e.ErrorMessage));
    }
}
