using System.Threading;

namespace Wasserforge.Training.Loop
{
    /// <summary>What <c>wasserforge train</c> was asked to do.</summary>
    public sealed class TrainOptions
    {
        /// <summary>The YAML config (ignored on --resume: the run's own resolved config is used).</summary>
        public string ConfigPath { get; set; }
        /// <summary>Run id: results go to <c>&lt;ResultsRoot&gt;/&lt;RunId&gt;/</c>.</summary>
        public string RunId { get; set; }
        /// <summary>Folder holding runs (default <c>results</c>).</summary>
        public string ResultsRoot { get; set; } = "results";
        /// <summary>Continue the run from its last checkpoint.</summary>
        public bool Resume { get; set; }
        /// <summary>Delete an existing run with this id first.</summary>
        public bool Force { get; set; }
        /// <summary>Start from the weights of another run (its folder) or checkpoint folder.</summary>
        public string InitFrom { get; set; }
        /// <summary>Overrides training.device.</summary>
        public string Device { get; set; }
        /// <summary>Overrides training.steps.</summary>
        public int? Steps { get; set; }
        /// <summary>Progress receiver.</summary>
        public ITrainingObserver Observer { get; set; } = NullObserver.Instance;
        /// <summary>Cancelling (Ctrl-C) saves a checkpoint and stops cleanly.</summary>
        public CancellationToken Cancellation { get; set; }
        /// <summary>Bytes the run may take (<see cref="Config.TrainingMemory"/>); null: half of this machine's memory. For tests.</summary>
        internal long? MemoryBudget { get; set; }
    }

    /// <summary>How a run ended.</summary>
    public sealed class TrainResult
    {
        /// <summary>The run folder.</summary>
        public RunDirectory Run { get; set; }
        /// <summary>Generator iterations completed.</summary>
        public long Steps { get; set; }
        /// <summary>True when stopped by cancellation (a checkpoint was saved).</summary>
        public bool Cancelled { get; set; }
        /// <summary>The exported generator (null when cancelled).</summary>
        public string OnnxPath { get; set; }
        /// <summary>The last Wasserstein estimate.</summary>
        public double LastWasserstein { get; set; }
        /// <summary>Seconds of training in this invocation.</summary>
        public double Seconds { get; set; }
    }

    /// <summary>Training produced NaN or Inf; the last good checkpoint is kept.</summary>
    public sealed class TrainingDivergedException : WasserforgeException
    {
        /// <summary>Creates the exception.</summary>
        public TrainingDivergedException(string message) : base(message) { }
    }
}
