using Npgsql;
using NpgsqlTypes;

namespace JiujiangMentalHealth.Infrastructure.Persistence;

/// <summary>Null-aware writes for PostgreSQL binary COPY, shared by the seeders.</summary>
public static class BinaryCopy
{
    public static void WriteNullable(this NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Varchar);
        }
    }

    public static void WriteNullable<T>(this NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            writer.Write(v, type);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
