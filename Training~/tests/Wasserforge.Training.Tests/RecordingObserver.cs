using System.Collections.Generic;
using Wasserforge.Training.Loop;

namespace Wasserforge.Training.Tests
{
    /// <summary>Records what a run reports at its start (device, data set) and every note it prints.</summary>
    sealed class RecordingObserver : ITrainingObserver
    {
        public readonly List<string> Lines = new List<string>();
        public string Device { get; private set; }
        public string Dataset { get; private set; }
        public void Started(string runId, string device, string dataset, long startStep, long totalSteps) { Device = device; Dataset = dataset; }
        public void Progress(in MetricsRow row, long totalSteps) { }
        public void Note(string message) => Lines.Add(message);
    }
}
