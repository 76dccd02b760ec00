namespace Zowor.Portal.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
