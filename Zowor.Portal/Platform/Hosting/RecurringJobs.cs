using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Zowor.Portal.Platform.Hosting;

/// <summary>Registration of a feature's <see cref="IRecurringJobRegistration"/>.</summary>
public static class RecurringJobs
{
    /// <summary>Adds the feature's recurring jobs, once however often it is called; scheduled in registration order.</summary>
    public static IServiceCollection AddRecurringJobs<TRegistration>(this IServiceCollection services)
        where TRegistration : class, IRecurringJobRegistration
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecurringJobRegistration, TRegistration>());
        return services;
    }
}
