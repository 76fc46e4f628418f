using System;
using System.Collections.Generic;
using System.IO;

namespace Wasserforge.Training.Loop
{
    /// <summary>
    /// The folder of a fresh run, as this invocation of <c>train</c> created it, so that a run failing before
    /// its first training step (bad data, a model that cannot be built, a missing GPU, a bad --init-from)
    /// can take it away again: the retry then needs no <c>--force</c>, and no half-made run is left that
    /// <c>--resume</c> or the studio would take for one. Only what the trainer writes is removed; a folder
    /// that was there before (made by the user) stays, with whatever else it holds.
    /// </summary>
    sealed class NewRunFolder
    {
        readonly RunDirectory _run;
        readonly bool _rootIsNew;
        readonly HashSet<string> _existed = new HashSet<string>(StringComparer.Ordinal);

        NewRunFolder(RunDirectory run, bool rootIsNew) { _run = run; _rootIsNew = rootIsNew; }

        /// <summary>Creates the run's folders (after deleting an old run of this id when <paramref name="force"/>).</summary>
        /// <exception cref="IOException">The folder cannot be created.</exception>
        public static NewRunFolder Create(RunDirectory run, bool force)
        {
            if (force) run.Clear();
            var made = new NewRunFolder(run, !Directory.Exists(run.Root));
            foreach (var path in made.Written()) if (File.Exists(path) || Directory.Exists(path)) made._existed.Add(path);
            run.Create();
            return made;
        }

        /// <summary>Removes what the run wrote (the whole folder when this invocation created it). Never throws: it runs while another error is on its way to the user.</summary>
        public void Remove()
        {
            try
            {
                if (_rootIsNew) { Directory.Delete(_run.Root, recursive: true); return; }
                foreach (var path in Written())
                {
                    if (_existed.Contains(path)) continue;
                    if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                    else if (File.Exists(path)) File.Delete(path);
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        IEnumerable<string> Written() => new[]
        {
            _run.ConfigPath, Path.Combine(_run.Root, "source-dir.txt"), _run.MetricsPath, _run.SwdPath, _run.DataReportPath,
            _run.OnnxPath, _run.SamplesDir, _run.CheckpointsDir, _run.CacheDir,
        };
    }
}
