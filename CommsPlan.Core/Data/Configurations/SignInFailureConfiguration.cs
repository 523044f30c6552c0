using CommsPlan.Core.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CommsPlan.Core.Data.Configurations;

public sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> b)
    {
        b.ToTable("SignInFailures");
        b.HasKey(f => new { f.UserName, f.ClientAddress });
        b.Property(f => f.UserName).HasMaxLength(256);
        b.Property(f => f.ClientAddress).HasMaxLength(64);
        b.HasIndex(f => f.LastFailureAt);
    }
}
