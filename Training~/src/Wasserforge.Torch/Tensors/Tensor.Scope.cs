namespace Wasserforge.Torch
{
    public sealed partial class Tensor
    {
        /// <summary>Hands this tensor to the scope enclosing its current one (TorchSharp's <c>MoveToOuterDisposeScope</c>) and returns it.</summary>
        public Tensor MoveToOuterDisposeScope() => Scope != null ? Scope.MoveToOuter(this) : this;

        /// <summary>Takes this tensor out of every scope: the caller disposes it (TorchSharp's <c>DetachFromDisposeScope</c>).</summary>
        public Tensor DetachFromDisposeScope() => DisposeScope.Detach(this);
    }
}
