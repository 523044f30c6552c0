using CommsPlan.Core.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Code).HasMaxLength(32);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Property(a => a.IssuerSuperior).HasMaxLength(IssuingBody.MaxLineLength * 2);
        b.Property(a => a.IssuerName).HasMaxLength(IssuingBody.MaxLineLength * 2);
        // Existing rows are state bodies until the seeder or an administrator says otherwise.
        b.Property(a => a.DocumentStyle).HasDefaultValue(DocumentStyle.State);
        b.Property(a => a.DocumentSymbol).HasMaxLength(IssuingBody.MaxSymbolLength);
        b.Property(a => a.DocumentPlace).HasMaxLength(IssuingBody.MaxLineLength);
        b.Property(a => a.SignerTitle).HasMaxLength(IssuingBody.MaxLineLength * 2);
        b.Property(a => a.SignerName).HasMaxLength(IssuingBody.MaxLineLength);
        b.Property(a => a.ContactEmail).HasMaxLength(IssuingBody.MaxEmailLength);
        b.HasOne(a => a.Successor).WithMany().HasForeignKey(a => a.SuccessorId).OnDelete(DeleteBehavior.Restrict);
    }
}
