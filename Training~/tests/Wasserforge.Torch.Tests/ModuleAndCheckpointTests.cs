using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Wasserforge.Torch;
using Wasserforge.Torch.NN;
using Wasserforge.Torch.Optim;
using Wasserforge.Torch.Serialization;

namespace Wasserforge.Torch.Tests
{
    public class ModuleAndCheckpointTests
    {
        static Sequential Net() => torch.nn.Sequential(
            torch.nn.Linear(4, 8), torch.nn.BatchNorm1d(8), torch.nn.LeakyReLU(0.2), torch.nn.Linear(8, 2));

        string _dir;
        [SetUp] public void MakeDir() { _dir = Path.Combine(Path.GetTempPath(), "wf-ckpt-" + Guid.NewGuid().ToString("N").Substring(0, 8)); Directory.CreateDirectory(_dir); }
        [TearDown] public void RemoveDir() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        [Test]
        public void ParameterNamesAreStableAndDotted()
        {
            using var net = Net();
            Assert.That(net.named_parameters().Select(p => p.Key), Is.EqualTo(new[] { "0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias" }));
            Assert.That(net.named_buffers().Select(p => p.Key), Is.EqualTo(new[] { "1.running_mean", "1.running_var" }));
            Assert.That(net.state_dict().Keys.Count, Is.EqualTo(8));
        }

        [Test]
        public void SeededInitialisationIsReproducible()
        {
            torch.manual_seed(7);
            using var a = Net();
            torch.manual_seed(7);
            using var b = Net();
            Assert.That(a.parameters()[0].data<float>(), Is.EqualTo(b.parameters()[0].data<float>()));
        }

        [Test]
        public void EvalModeUsesRunningStatistics()
        {
            using var scope = torch.NewDisposeScope();
            using var bn = torch.nn.BatchNorm1d(3);
            var x = torch.randn(new long[] { 16, 3 }, new Generator(1)) * 5.0 + 2.0;
            var train = bn.forward(x).mean(new long[] { 0 }).data<float>();
            Assert.That(train.Max(v => Math.Abs(v)), Is.LessThan(1e-5f));
            var rm = bn.running_mean.data<float>();
            Assert.That(rm.All(v => Math.Abs(v) > 0.01f), Is.True, "running mean updated in training mode");
            bn.eval();
            var evalOut = bn.forward(x).mean(new long[] { 0 }).data<float>();
            Assert.That(evalOut.Max(v => Math.Abs(v)), Is.GreaterThan(0.1f));
        }

        [Test]
        public void CheckpointRoundTripRestoresWeightsOptimizerAndRng()
        {
            torch.manual_seed(3);
            using var net = Net();
            using var opt = new Adam(net.parameters(), 1e-2, 0.0, 0.9);
            using var gen = new Generator(11);
            var x = DisposeScope.Detach(torch.randn(new long[] { 8, 4 }, gen));
            void Step()
            {
                using var s = torch.NewDisposeScope();
                opt.zero_grad();
                net.forward(x).square().mean().backward();
                opt.step();
            }
            Step(); Step();
            var folder = Path.Combine(_dir, "step_2");
            Checkpoint.Save(folder, new CheckpointState { Step = 2, Rng = { ["data"] = gen.get_state() }, Extra = { ["note"] = "hi" } },
                new Dictionary<string, Module> { ["net"] = net }, new Dictionary<string, Optimizer> { ["opt"] = opt });
            Assert.That(Directory.Exists(folder + ".tmp"), Is.False);
            var nextDraw = torch.randn(new long[] { 3 }, gen).data<float>();
            Step();
            var afterThird = net.parameters()[0].data<float>();

            torch.manual_seed(99);
            using var net2 = Net();
            using var opt2 = new Adam(net2.parameters(), 1e-2, 0.0, 0.9);
            using var gen2 = new Generator(0);
            var state = Checkpoint.Load(folder, new Dictionary<string, Module> { ["net"] = net2 }, new Dictionary<string, Optimizer> { ["opt"] = opt2 });
            gen2.set_state(state.Rng["data"]);
            Assert.That(state.Step, Is.EqualTo(2));
            Assert.That(state.Extra["note"], Is.EqualTo("hi"));
            Assert.That(opt2.step_count, Is.EqualTo(2));
            Assert.That(torch.randn(new long[] { 3 }, gen2).data<float>(), Is.EqualTo(nextDraw));
            using (var s = torch.NewDisposeScope())
            {
                opt2.zero_grad();
                net2.forward(x).square().mean().backward();
                opt2.step();
            }
            Assert.That(net2.parameters()[0].data<float>(), Is.EqualTo(afterThird));
            x.Dispose();
        }

        [Test]
        public void TruncatedTensorsFileIsNamed()
        {
            using var net = Net();
            var folder = Path.Combine(_dir, "ck");
            Checkpoint.Save(folder, new CheckpointState(), new Dictionary<string, Module> { ["net"] = net }, new Dictionary<string, Optimizer>());
            var file = Path.Combine(folder, "tensors.safetensors");
            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, bytes.Take(bytes.Length - 10).ToArray());
            var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder, new Dictionary<string, Module> { ["net"] = net }, new Dictionary<string, Optimizer>()));
            Assert.That(e.Message, Does.Contain("tensors.safetensors").And.Contain("truncated"));
        }

        [Test]
        public void OverwritingACheckpointReplacesItAndLeavesNoTemporaries()
        {
            using var net = Net();
            var folder = Path.Combine(_dir, "ck");
            var modules = new Dictionary<string, Module> { ["net"] = net };
            Checkpoint.Save(folder, new CheckpointState { Step = 1, Rng = { ["torch"] = torch.get_rng_state() } }, modules, new Dictionary<string, Optimizer>());
            Checkpoint.Save(folder, new CheckpointState { Step = 2 }, modules, new Dictionary<string, Optimizer>());
            Assert.That(Checkpoint.Load(folder, modules, new Dictionary<string, Optimizer>()).Step, Is.EqualTo(2));
            Assert.That(Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName), Is.EqualTo(new[] { "ck" }));
        }

        [Test]
        public void WrongDtypeAndMissingKeyAreNamed()
        {
            using var scope = torch.NewDisposeScope();
            using var net = torch.nn.Sequential(torch.nn.Linear(2, 3));
            var file = Path.Combine(_dir, "w.safetensors");
            SafeTensors.Save(file, new Dictionary<string, Tensor> { ["0.weight"] = torch.zeros(new long[] { 3, 2 }, ScalarType.Float64), ["0.bias"] = torch.zeros(new long[] { 3 }) });
            var loaded = SafeTensors.Load(file, out _);
            Assert.That(Assert.Throws<ArgumentException>(() => net.load_state_dict(loaded)).Message, Does.Contain("0.weight").And.Contain("Float64"));
            loaded.Remove("0.bias");
            Assert.That(Assert.Throws<ArgumentException>(() => net.load_state_dict(loaded)).Message, Does.Contain("missing [0.bias]"));
            foreach (var t in loaded.Values) t.Dispose();
        }

        [Test]
        public void DamagedStateJsonAndMissingFilesAreNamed()
        {
            using var net = Net();
            var modules = new Dictionary<string, Module> { ["net"] = net };
            var none = new Dictionary<string, Optimizer>();
            var folder = Path.Combine(_dir, "ck");
            Checkpoint.Save(folder, new CheckpointState(), modules, none);
            File.WriteAllText(Path.Combine(folder, "state.json"), "{\"format\": 1, \"step\": ");
            var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder, modules, none));
            Assert.That(e.Message, Does.Contain("state.json").And.Contain("damaged"));
            Checkpoint.Save(folder, new CheckpointState(), modules, none);
            File.Delete(Path.Combine(folder, "tensors.safetensors"));
            Assert.That(Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder, modules, none)).Message, Does.Contain("tensors.safetensors").And.Contain("not found"));
            Assert.That(Assert.Throws<CheckpointException>(() => Checkpoint.Load(Path.Combine(_dir, "nope"), modules, none)).Message, Does.Contain("nope"));
        }

        [Test]
        public void CorruptHeaderIsNamed()
        {
            var file = Path.Combine(_dir, "bad.safetensors");
            File.WriteAllBytes(file, BitConverter.GetBytes(5UL).Concat(System.Text.Encoding.ASCII.GetBytes("{oops")).ToArray());
            var e = Assert.Throws<CheckpointException>(() => SafeTensors.Load(file, out _));
            Assert.That(e.Message, Does.Contain("bad.safetensors").And.Contain("JSON"));
        }

        [Test]
        public void MismatchedModuleIsNamed()
        {
            using var net = Net();
            var folder = Path.Combine(_dir, "ck");
            Checkpoint.Save(folder, new CheckpointState(), new Dictionary<string, Module> { ["net"] = net }, new Dictionary<string, Optimizer>());
            using var other = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.BatchNorm1d(16), torch.nn.LeakyReLU(0.2), torch.nn.Linear(16, 2));
            var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder, new Dictionary<string, Module> { ["net"] = other }, new Dictionary<string, Optimizer>()));
            Assert.That(e.Message, Does.Contain("0.weight").And.Contain("[8, 4]"));
            using var fewer = torch.nn.Sequential(torch.nn.Linear(4, 8));
            var e2 = Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder, new Dictionary<string, Module> { ["net"] = fewer }, new Dictionary<string, Optimizer>()));
            Assert.That(e2.Message, Does.Contain("unexpected"));
        }

        [Test]
        public void SafeTensorsFilesAreReadableByAnIndependentParser()
        {
            using var net = Net();
            var file = Path.Combine(_dir, "w.safetensors");
            SafeTensors.Save(file, net.state_dict(), new Dictionary<string, string> { ["k"] = "v" });
            var script = "import json,struct,sys\nb=open(sys.argv[1],'rb').read()\nn=struct.unpack('<Q',b[:8])[0]\nh=json.loads(b[8:8+n])\n" +
                         "w=h['0.weight']\nassert w['dtype']=='F32' and w['shape']==[8,4]\ns=8+n+w['data_offsets'][0]\nprint(struct.unpack('<f',b[s:s+4])[0])";
            var py = Path.Combine(_dir, "check.py");
            File.WriteAllText(py, script);
            var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", $"\"{py}\" \"{file}\"") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = System.Diagnostics.Process.Start(psi);
            var output = p.StandardOutput.ReadToEnd().Trim();
            var err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.That(p.ExitCode, Is.EqualTo(0), err);
            Assert.That(float.Parse(output, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(net.parameters()[0].data<float>()[0]).Within(1e-6f));
        }
    }
}
