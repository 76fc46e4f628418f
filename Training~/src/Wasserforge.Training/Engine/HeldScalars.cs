using TorchSharp;
using static TorchSharp.torch;

namespace Wasserforge.Training.Engine
{
    /// <summary>
    /// Tensor arithmetic whose Scalars stay alive for the whole native call. TorchSharp 0.107 turns every .NET number passed
    /// as a <see cref="Scalar"/> into a temporary that only its finalizer frees, and passes just its native handle on; even
    /// <c>a + b</c> of two tensors makes one (<c>add(b)</c> is <c>add(b, alpha: 1)</c>). Once the handle is read, nothing
    /// keeps the temporary reachable, so a garbage collection started by another thread during the native call can finalize
    /// it first, and libtorch reads freed memory: "Expected false to be true" from <c>Scalar::toFloat</c>, seen once in about
    /// a dozen long runs and reproduced in under a second with a thread that collects in a loop
    /// (<c>wasserforge bench scalars</c>; guarded by <c>HeldScalarTests</c>; upstream: dotnet/TorchSharp pull request 1496, open). Training code therefore passes
    /// Scalars it holds: <see cref="One"/> for sums, a <see cref="ScalarScope"/> for other values, fields of modules.
    /// The build refuses the calls that make temporaries (<c>Training~/msbuild/BannedSymbols.txt</c>, error RS0030).
    /// </summary>
    public static class HeldScalars
    {
        /// <summary>The integer 1 (TorchSharp's own default alpha), held for the life of the process.</summary>
        public static readonly Scalar One = 1.ToScalar();

        /// <summary>0.5, held for the life of the process.</summary>
        public static readonly Scalar Half = 0.5.ToScalar();

        /// <summary>The integer 2 (the exponent of TorchSharp's own <c>square</c>), held for the life of the process.</summary>
        public static readonly Scalar Two = 2.ToScalar();

        /// <summary><paramref name="a"/> + <paramref name="b"/> (the same as the + operator) with a held alpha.</summary>
        public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

        /// <summary><paramref name="a"/> + <paramref name="s"/> (the same as the + operator) with a held alpha.</summary>
        public static Tensor Plus(this Tensor a, Scalar s) => a.add(s, One);

        /// <summary>
        /// <paramref name="x"/>² elementwise: TorchSharp's <c>square()</c>, which is <c>pow(2)</c> with a temporary exponent,
        /// here with a held one (the same libtorch call, so the same bits).
        /// </summary>
        public static Tensor Square(this Tensor x) => x.pow(Two);

        /// <summary>
        /// softplus(<paramref name="x"/>) = log(1 + eˣ) in its stable form max(x, 0) + log1p(e^−|x|), the same function as
        /// libtorch's (TorchSharp's <c>softplus</c> only takes doubles and makes temporaries of them).
        /// </summary>
        public static Tensor Softplus(Tensor x) => x.relu().Plus(x.abs().negative().exp().log1p());
    }
}
