namespace JiujiangMentalHealth.Infrastructure.Seeding;

/// <summary>
/// The seeders' source of variety: a small integer hash (lowbias32) instead of a random generator, so
/// the same input gives the same city on every machine and in any order of generation.
/// </summary>
internal static class SeedHash
{
    public static uint Of(int value, int salt) => Of(unchecked((uint)value), salt);

    public static uint Of(uint value, int salt)
    {
        unchecked
        {
            var x = value * 0x9E3779B9u + (uint)salt * 0x85EBCA6Bu + 0x165667B1u;
            x ^= x >> 16;
            x *= 0x7FEB352Du;
            x ^= x >> 15;
            x *= 0x846CA68Bu;
            x ^= x >> 16;
            return x;
        }
    }
}
