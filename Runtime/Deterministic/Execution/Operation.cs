namespace Wasserforge.Deterministic
{
    /// <summary>
    /// One step of a compiled generator: reads tensors from slots, writes one slot. Constants
    /// (weights, shapes, slice bounds) were read and checked when the step was built. A step keeps the
    /// scratch state of the current call in its fields: the generator runs one call at a time.
    /// </summary>
    internal abstract class Operation
    {
        protected Operation(string label, int[] inputs, int output, TensorShape shape)
        {
            Label = label;
            Inputs = inputs;
            Output = output;
            OutputShape = shape;
        }

        /// <summary>The ONNX node this step runs, for messages.</summary>
        public string Label { get; }

        /// <summary>Slots read.</summary>
        public int[] Inputs { get; }

        /// <summary>Slot written.</summary>
        public int Output { get; }

        /// <summary>Shape of one sample of the output.</summary>
        public TensorShape OutputShape { get; }

        /// <summary>Computes the output tensor (already sized for the batch) from the inputs.</summary>
        public abstract void Run(ExecutionState state);
    }

    /// <summary>What one call works with: the tensors of every slot, the batch size, the threads and the kernels.</summary>
    internal sealed class ExecutionState
    {
        public readonly FixedTensor[] Slots;
        public readonly WorkerPool Pool;
        public readonly KernelChoice Kernels;
        public int Count;

        public ExecutionState(FixedTensor[] slots, WorkerPool pool, KernelChoice kernels)
        {
            Slots = slots;
            Pool = pool;
            Kernels = kernels;
        }

        public FixedTensor Input(Operation op, int i) => Slots[op.Inputs[i]];
        public FixedTensor Output(Operation op) => Slots[op.Output];
    }
}
