namespace Wasserforge.Training.Export
{
    /// <summary>A model cannot be exported: a layer has no ONNX mapping, or the graph is incomplete.</summary>
    public sealed class ExportException : WasserforgeException
    {
        /// <summary>Creates the exception.</summary>
        public ExportException(string message) : base(message) { }
    }
}
