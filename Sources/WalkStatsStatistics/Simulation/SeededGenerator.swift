#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, fast, seeded pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014) with standard
/// normal draws by the Box–Muller transform, so that a simulation gives the same numbers for the same
/// seed on every machine and Swift version (Swift's own `SystemRandomNumberGenerator` cannot be seeded).
///
/// *References:* Steele GL, Lea D, Flood CH (2014), Fast splittable pseudorandom number generators.
/// OOPSLA '14. doi:10.1145/2660193.2660195. Box GEP, Muller ME (1958), A note on the generation of random
/// normal deviates. Ann. Math. Statist. 29(2):610–611.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    private var spareNormal: Double?

    /// A generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in the open interval (0, 1), from the top 53 bits.
    public mutating func nextUniform() -> Double {
        (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992
    }

    /// A standard normal draw (Box–Muller, both values of each pair used).
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let radius = (-2 * log(nextUniform())).squareRoot()
        let angle = 2 * Double.pi * nextUniform()
        spareNormal = radius * sin(angle)
        return radius * cos(angle)
    }
}
