using System;
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntime;
using OrtException = Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

namespace Wasserforge.Inference
{
    /// <summary>
    /// Creates the ONNX Runtime session of a model on the requested device. For
    /// <see cref="ExecutionDevice.Auto"/> it tries, among the providers the loaded ORT reports,
    /// DirectML, CUDA, CoreML and NNAPI, then the CPU, and records why each skipped device was skipped.
    /// </summary>
    internal static class OrtSessionFactory
    {
        /// <summary>Creates the session; <paramref name="active"/> and <paramref name="report"/> say where it runs and why.</summary>
        /// <exception cref="WasserforgeException">ONNX Runtime cannot be loaded, or an explicitly requested device is unavailable or cannot start.</exception>
        /// <exception cref="Onnx.OnnxRuntimeException">ORT refused the model (on the CPU, or on the explicitly requested device).</exception>
        public static InferenceSession Create(byte[] model, GeneratorOptions options, out ExecutionDevice active, out string report)
        {
            var auto = options.Device == ExecutionDevice.Auto;
            var notes = new List<string>();
            var candidates = new List<ExecutionDevice>();
            if (auto) candidates.AddRange(OrtProviders.AutoOrder);
            candidates.Add(auto ? ExecutionDevice.Cpu : options.Device);
            foreach (var device in candidates)
            {
                var why = OrtProviders.Unavailable(device);
                if (why != null)
                {
                    if (!auto) throw NotAvailable(device, why);
                    notes.Add($"{device} skipped: {why}");
                    continue;
                }
                var sessionOptions = NewOptions(options);
                try
                {
                    try { OrtProviders.Append(sessionOptions, device, options.DeviceId); }
                    catch (Exception e) when (e is OrtException || e is NotSupportedException || e is EntryPointNotFoundException)
                    {
                        var message = e is OrtException ortError ? OrtErrors.From(ortError).OrtMessage : e.Message;
                        if (!auto) throw NotAvailable(device, message);
                        notes.Add($"{device} skipped: {message}");
                        continue;
                    }
                    try
                    {
                        var session = new InferenceSession(model, sessionOptions);
                        active = device;
                        notes.Insert(0, $"{device} active");
                        report = string.Join("; ", notes);
                        return session;
                    }
                    catch (OrtException e)
                    {
                        // A provider that starts but fails on this model (unsupported operator, driver)
                        // falls back; a model ORT cannot read fails again on the CPU, and that error is thrown.
                        if (!auto || device == ExecutionDevice.Cpu) throw OrtErrors.From(e);
                        notes.Add($"{device} skipped: {OrtErrors.From(e).OrtMessage}");
                    }
                }
                finally { sessionOptions.Dispose(); }
            }
            throw new InvalidOperationException("unreachable: the CPU is always the last candidate");
        }

        static SessionOptions NewOptions(GeneratorOptions options)
        {
            var o = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            try
            {
                if (options.IntraOpThreads > 0) o.IntraOpNumThreads = options.IntraOpThreads;
                return o;
            }
            catch { o.Dispose(); throw; }
        }

        static WasserforgeException NotAvailable(ExecutionDevice device, string why) =>
            new WasserforgeException($"Execution device {device} was requested but is not available: {why}");
    }
}
