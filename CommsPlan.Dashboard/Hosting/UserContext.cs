using CommsPlan.Core.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace CommsPlan.Dashboard.Hosting;

/// <summary>The signed-in user of this circuit as Core's <see cref="CurrentUser"/>, to pass to every Core service.</summary>
public sealed class UserContext(AuthenticationStateProvider authentication)
{
    public async Task<CurrentUser> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.ToCurrentUser();
    }
}
