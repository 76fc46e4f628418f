using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using TorchSharp.Modules;
using Wasserforge.Training.Checkpoints;
using Wasserforge.Training.Engine;
using Wasserforge.Training.Loop;
using static TorchSharp.torch;

namespace Wasserforge.Training.Tests
{
    /// <summary>Checkpoint format 2 (safetensors + state.json): round trip, damage named, crash leftovers never taken for the latest, format 1 still read.</summary>
    public class CheckpointTests
    {
        static Sequential Net() => nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.LeakyReLU(0.2), nn.Linear(8, 2));
        static Dictionary<string, nn.Module> Modules(nn.Module net) => new Dictionary<string, nn.Module> { ["net"] = net };
        static Dictionary<string, optim.Optimizer> NoOptimizers => new Dictionary<string, optim.Optimizer>();

        string _dir;
        [SetUp] public void MakeDir() => _dir = TestDirs.New("wf-ckpt-");
        [TearDown] public void RemoveDir() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        [Test]
        public void ARoundTripRestoresWeightsBatchNormStatisticsOptimizerAndRng()
        {
            manual_seed(3);
            using var net = Net();
            using var opt = optim.Adam(net.parameters(), 1e-2, 0.0, 0.9);
            using var gen = new Generator(11);
            using var x = randn(new long[] { 8, 4 }, generator: gen);
            void Step(optim.Optimizer o, nn.Module<Tensor, Tensor> n)
            {
                using var s = NewDisposeScope();
                o.zero_grad();
                n.forward(x).Square().mean().backward();
                o.step();
            }
            Step(opt, net); Step(opt, net);
            var folder = Path.Combine(_dir, "step_000002");
            byte[] rng;
            using (var st = gen.get_state()) rng = st.data<byte>().ToArray();
            Checkpoint.Save(folder, new CheckpointState { Step = 2, Rng = { ["data"] = rng }, Extra = { ["note"] = "hi" } },
                Modules(net), new Dictionary<string, optim.Optimizer> { ["opt"] = opt });
            var runningMean = ((BatchNorm1d)net[1]).running_mean.data<float>().ToArray();
            float[] nextDraw;
            using (var d = randn(new long[] { 3 }, generator: gen)) nextDraw = d.data<float>().ToArray();
            Step(opt, net);
            var afterThird = net.parameters().First().data<float>().ToArray();

            manual_seed(99);
            using var net2 = Net();
            using var opt2 = optim.Adam(net2.parameters(), 1e-2, 0.0, 0.9);
            using var gen2 = new Generator(0);
            var state = Checkpoint.Load(folder, Modules(net2), new Dictionary<string, optim.Optimizer> { ["opt"] = opt2 });
            using (var st = tensor(state.Rng["data"], new long[] { state.Rng["data"].Length }, ScalarType.Byte)) gen2.set_state(st);
            Assert.That((state.Step, state.Format, state.Extra["note"]), Is.EqualTo((2L, 2, "hi")));
            Assert.That(((BatchNorm1d)net2[1]).running_mean.data<float>().ToArray(), Is.EqualTo(runningMean));
            using (var d = randn(new long[] { 3 }, generator: gen2)) Assert.That(d.data<float>().ToArray(), Is.EqualTo(nextDraw));
            Step(opt2, net2);
            Assert.That(net2.parameters().First().data<float>().ToArray(), Is.EqualTo(afterThird), "the optimizer continues exactly (moments and step counts restored)");
        }

        [Test]
        public void KeysAreDocumentedOnesAndAnIndependentParserReadsThem()
        {
            using var net = Net();
            using var opt = optim.Adam(net.parameters());
            var folder = Path.Combine(_dir, "ck");
            Checkpoint.Save(folder, new CheckpointState(), Modules(net), new Dictionary<string, optim.Optimizer> { ["opt_c"] = opt });
            var (code, output) = TestDirs.Python(
                "import json,struct,sys\nb=open(sys.argv[1],'rb').read()\nn=struct.unpack('<Q',b[:8])[0]\nh=json.loads(b[8:8+n])\n" +
                "print(' '.join(sorted(k for k in h if k!='__metadata__')))\nw=h['module.net.0.weight']\nassert w['dtype']=='F32' and w['shape']==[8,4]\n" +
                "s=8+n+w['data_offsets'][0]\nprint(struct.unpack('<f',b[s:s+4])[0])\nst=h['optim.opt_c.step']\nprint(st['dtype'], st['shape'])", Path.Combine(folder, "tensors.safetensors"));
            Assert.That(code, Is.EqualTo(0), output);
            var lines = output.Trim().Split('\n');
            var keys = lines[0].Split(' ');
            Assert.That(keys, Does.Contain("module.net.1.num_batches_tracked").And.Contain("module.net.1.running_var").And.Contain("optim.opt_c.exp_avg.0").And.Contain("optim.opt_c.exp_avg_sq.5"));
            Assert.That(keys.Length, Is.EqualTo(9 + 2 * 6 + 1), "9 module tensors, 2 moments per parameter, 1 step vector");
            Assert.That(float.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(net.parameters().First().data<float>()[0]).Within(1e-6f));
            Assert.That(lines[2].Trim(), Is.EqualTo("I64 [6]"));
            Assert.That(File.ReadAllText(Path.Combine(folder, "state.json")), Does.Contain("\"format\": 2").And.Contain("\"kind\": \"adam\""));
        }

        [Test]
        public void AModelOfAnotherShapeIsRefusedNamingTheKey()
        {
            using var net = Net();
            var folder = Path.Combine(_dir, "ck");
            Checkpoint.Save(folder, new CheckpointState(), Modules(net), NoOptimizers);
            using var wider = nn.Sequential(nn.Linear(4, 16), nn.BatchNorm1d(16), nn.LeakyReLU(0.2), nn.Linear(16, 2));
            var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder, Modules(wider), NoOptimizers));
            Assert.That(e.Message, Does.Contain("0.weight").And.Contain("[8, 4]").And.Contain("[16, 4]"));
            using var fewer = nn.Sequential(nn.Linear(4, 8));
            var e2 = Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder, Modules(fewer), NoOptimizers));
            Assert.That(e2.Message, Does.Contain("unexpected").And.Contain("1.running_mean"));
        }

        [Test]
        public void DamagedAndNewerCheckpointsAreNamed()
        {
            using var net = Net();
            var folder = Path.Combine(_dir, "ck");
            Checkpoint.Save(folder, new CheckpointState(), Modules(net), NoOptimizers);
            var state = Path.Combine(folder, "state.json");
            File.WriteAllText(state, File.ReadAllText(state).Replace("\"format\": 2", "\"format\": 3"));
            var newer = Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder, Modules(net), NoOptimizers));
            Assert.That(newer.Message, Does.StartWith(state).And.Contain("format 3").And.Contain("newer"));
            Checkpoint.Save(folder, new CheckpointState(), Modules(net), NoOptimizers);
            var file = Path.Combine(folder, "tensors.safetensors");
            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, bytes.Take(bytes.Length - 10).ToArray());
            var truncated = Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder, Modules(net), NoOptimizers));
            Assert.That(truncated.Message, Does.Contain("tensors.safetensors").And.Contain("truncated"));
            File.WriteAllBytes(file, BitConverter.GetBytes(5UL).Concat(System.Text.Encoding.ASCII.GetBytes("{oops")).ToArray());
            Assert.That(Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder, Modules(net), NoOptimizers)).Message, Does.Contain("JSON"));
        }

        [Test]
        public void ReSavingAStepReplacesItAndLeavesNothingElse()
        {
            using var net = Net();
            var folder = Path.Combine(_dir, "step_000001");
            Checkpoint.Save(folder, new CheckpointState { Step = 1 }, Modules(net), NoOptimizers);
            Checkpoint.Save(folder, new CheckpointState { Step = 1, Extra = { ["again"] = "yes" } }, Modules(net), NoOptimizers);
            Assert.That(Checkpoint.Load(folder, Modules(net), NoOptimizers).Extra["again"], Is.EqualTo("yes"));
            Assert.That(Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName), Is.EqualTo(new[] { "step_000001" }));
        }

        /// <summary>
        /// Every state a crash can leave while step 9 is written over an existing step 9 (or written fresh):
        /// the staging folder half or fully written, the old step 9 moved aside, both present; plus the
        /// leftovers of the previous trainer (step_N.tmp, step_N.old). --resume must pick a complete, properly
        /// named checkpoint: step 9 only when it is in place, otherwise step 6.
        /// </summary>
        [TestCase(".step_000009.partial", false, "step_000006")]
        [TestCase(".step_000009.partial", true, "step_000009")]
        [TestCase(".step_000009.replaced", false, "step_000006")]
        [TestCase(".step_000009.replaced", true, "step_000009")]
        [TestCase("step_000009.old", false, "step_000006")]
        [TestCase("step_000009.tmp", false, "step_000006")]
        [TestCase("step_000012", false, "step_000006", Description = "a folder named like a checkpoint without its files")]
        public void ResumeNeverTakesACrashLeftoverForTheLatest(string leftover, bool step9InPlace, string expected)
        {
            using var net = Net();
            var run = new RunDirectory(Path.Combine(_dir, "run"));
            run.Create();
            Checkpoint.Save(run.CheckpointPath(3), new CheckpointState { Step = 3 }, Modules(net), NoOptimizers);
            Checkpoint.Save(run.CheckpointPath(6), new CheckpointState { Step = 6 }, Modules(net), NoOptimizers);
            if (step9InPlace) Checkpoint.Save(run.CheckpointPath(9), new CheckpointState { Step = 9 }, Modules(net), NoOptimizers);
            var junk = Path.Combine(run.CheckpointsDir, leftover);
            if (leftover == "step_000012") Directory.CreateDirectory(junk);
            else
            {
                // A complete copy (the worst case: it would load) and a half-written variant both must be ignored.
                Checkpoint.Save(junk + "-src", new CheckpointState { Step = 9 }, Modules(net), NoOptimizers);
                Directory.Move(junk + "-src", junk);
            }
            Assert.That(Path.GetFileName(run.LatestCheckpoint()), Is.EqualTo(expected));
            File.Delete(Path.Combine(run.CheckpointPath(6), "state.json"));
            if (!step9InPlace) Assert.That(Path.GetFileName(run.LatestCheckpoint()), Is.EqualTo("step_000003"), "an incomplete step 6 is skipped too");
        }

        static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

        [Test]
        public void AFormat1CheckpointOfTheShimTrainerExportsTheSameGenerator()
        {
            // Written by the libtorch-shim trainer (format 1: no num_batches_tracked, one step count per optimizer);
            // format1.onnx is what that trainer exported from the same weights.
            var run = Path.Combine(_dir, "format1");
            CopyDirectory(Fixture("format1-run"), run);
            var onnx = Path.Combine(_dir, "again.onnx");
            var d = Export.RunExporter.Export(run, onnx);
            Assert.That(d.Steps, Is.EqualTo(2));
            using var before = GeneratorModel.Load(Path.Combine(run, "format1.onnx"));
            using var after = GeneratorModel.Load(onnx);
            var z = Wasserforge.Latent.LatentSampler.Sample(5, before.LatentDim);
            var a = new float[before.ValuesPerSample];
            var b = new float[after.ValuesPerSample];
            before.Generate(z, 1, a);
            after.Generate(z, 1, b);
            Assert.That(b, Is.EqualTo(a).Within(1e-6f));
        }

        internal static void CopyDirectory(string from, string to)
        {
            foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(dir.Replace(from, to));
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(file, file.Replace(from, to));
        }
    }
}
