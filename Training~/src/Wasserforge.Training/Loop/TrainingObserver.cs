namespace Wasserforge.Training.Loop
{
    /// <summary>Receives progress from a <see cref="Trainer"/> (the CLI draws a progress bar; tests record).</summary>
    public interface ITrainingObserver
    {
        /// <summary>The run starts (or resumes) at <paramref name="startStep"/> of <paramref name="totalSteps"/>.</summary>
        void Started(string runId, string device, string dataset, long startStep, long totalSteps);
        /// <summary>A metrics row was logged.</summary>
        void Progress(in MetricsRow row, long totalSteps);
        /// <summary>Something worth telling the user (checkpoint written, samples saved…).</summary>
        void Note(string message);
    }

    /// <summary>An observer that ignores everything.</summary>
    public sealed class NullObserver : ITrainingObserver
    {
        /// <summary>The instance.</summary>
        public static readonly NullObserver Instance = new NullObserver();
        /// <inheritdoc/>
        public void Started(string runId, string device, string dataset, long startStep, long totalSteps) { }
        /// <inheritdoc/>
        public void Progress(in MetricsRow row, long totalSteps) { }
        /// <inheritdoc/>
        public void Note(string message) { }
    }
}
