using System;
using System.Collections.Generic;
using System.Globalization;

namespace Wasserforge.Deterministic
{
    /// <summary>Builders of the operators that move values without arithmetic: Reshape, Identity, Slice, Concat and nearest Resize.</summary>
    internal static class LayoutBuilders
    {
        public static Operation Identity(NodeReader node, GraphCompiler graph)
        {
            node.ExpectInputs(1, 1);
            var input = node.Slot(0, "input");
            return new CopyOperation(node.Node.Label, input, graph.NewSlot(graph.ShapeOf(input)), graph.ShapeOf(input));
        }

        public static Operation Reshape(NodeReader node, GraphCompiler graph)
        {
            node.ExpectInputs(2, 2);
            var allowZero = node.Int("allowzero", 0);
            node.Require("allowzero", allowZero == 0, allowZero.ToString(CultureInfo.InvariantCulture), "allowzero = 0");
            var inShape = node.Shape(0, "data");
            var target = node.Constant(1, "shape", false).Integers;
            if (target.Length < 2 || (target[0] != -1 && target[0] != 0))
                throw node.Refuse("shape", $"the target shape [{string.Join(", ", target)}] does not keep the batch as its first dimension (-1 or 0); the deterministic device keeps the batch dynamic.");
            var dims = new int[target.Length - 1];
            var infer = -1;
            long known = 1;
            for (var i = 1; i < target.Length; i++)
            {
                var t = target[i];
                if (t == 0 && i - 1 < inShape.Rank) t = inShape[i - 1];
                if (t == -1)
                {
                    if (infer >= 0 || target[0] == -1) throw node.Refuse("shape", $"the target shape [{string.Join(", ", target)}] has more than one dimension to infer.");
                    infer = i - 1;
                    continue;
                }
                if (t < 1 || t > int.MaxValue) throw node.Refuse("shape", $"the target shape [{string.Join(", ", target)}] has dimension {t}.");
                dims[i - 1] = (int)t;
                known *= t;
            }
            if (infer >= 0)
            {
                if (inShape.Size % known != 0) throw node.Refuse("shape", $"{inShape} cannot be reshaped to [{string.Join(", ", target)}].");
                dims[infer] = (int)(inShape.Size / known);
                known *= dims[infer];
            }
            if (known != inShape.Size) throw node.Refuse("shape", $"{inShape} cannot be reshaped to [{string.Join(", ", target)}] with the batch kept.");
            return new CopyOperation(node.Node.Label, node.Slot(0, "data"), graph.NewSlot(new TensorShape(dims)), new TensorShape(dims));
        }

        public static Operation Slice(NodeReader node, GraphCompiler graph)
        {
            node.ExpectInputs(3, 5);
            var inShape = node.Shape(0, "data");
            var starts = node.Constant(1, "starts", false).Integers;
            var ends = node.Constant(2, "ends", false).Integers;
            var axes = node.HasInput(3) ? node.Constant(3, "axes", false).Integers : Range(starts.Length);
            var steps = node.HasInput(4) ? node.Constant(4, "steps", false).Integers : null;
            if (ends.Length != starts.Length || axes.Length != starts.Length || (steps != null && steps.Length != starts.Length))
                throw node.Refuse("starts", "starts, ends, axes and steps differ in length.");
            var rank = inShape.Rank + 1;
            var first = new int[inShape.Rank];
            var length = (int[])inShape.Dims.Clone();
            var seen = new HashSet<long>();
            for (var i = 0; i < starts.Length; i++)
            {
                if (steps != null && steps[i] != 1) throw node.Refuse("steps", $"step {steps[i]} is not supported by the deterministic device (it runs step 1).");
                var axis = axes[i] < 0 ? axes[i] + rank : axes[i];
                if (axis == 0) throw node.Refuse("axes", "slicing the batch dimension is not supported by the deterministic device.");
                if (axis < 0 || axis >= rank || !seen.Add(axis)) throw node.Refuse("axes", $"axis {axes[i]} is out of range or repeated for a rank-{rank} input.");
                var dim = inShape[(int)axis - 1];
                var s = Clamp(starts[i] < 0 ? starts[i] + dim : starts[i], dim);
                var e = Clamp(ends[i] < 0 ? ends[i] + dim : ends[i], dim);
                if (e <= s) throw node.Refuse("ends", $"the slice [{starts[i]}, {ends[i]}) of axis {axis} is empty.");
                first[axis - 1] = (int)s;
                length[axis - 1] = (int)(e - s);
            }
            return new SliceOperation(node.Node.Label, node.Slot(0, "data"), graph.NewSlot(new TensorShape(length)), inShape, first, length);
        }

        public static Operation Concat(NodeReader node, GraphCompiler graph)
        {
            node.ExpectInputs(1, 1024);
            var axisAttribute = node.Int("axis", long.MinValue);
            if (axisAttribute == long.MinValue) throw node.Refuse("axis", "attribute 'axis' is required.");
            var shapes = new TensorShape[node.InputCount];
            var slots = new int[node.InputCount];
            for (var i = 0; i < slots.Length; i++) { slots[i] = node.Slot(i, "inputs"); shapes[i] = graph.ShapeOf(slots[i]); }
            var rank = shapes[0].Rank + 1;
            var axis = axisAttribute < 0 ? axisAttribute + rank : axisAttribute;
            if (axis == 0) throw node.Refuse("axis", "concatenating along the batch dimension is not supported by the deterministic device.");
            if (axis < 0 || axis >= rank) throw node.Refuse("axis", $"axis {axisAttribute} is out of range for rank {rank}.");
            var a = (int)axis - 1;
            var dims = (int[])shapes[0].Dims.Clone();
            dims[a] = 0;
            foreach (var s in shapes)
            {
                if (s.Rank != shapes[0].Rank) throw node.Refuse("inputs", $"inputs of ranks {shapes[0].Rank + 1} and {s.Rank + 1} cannot be concatenated.");
                for (var d = 0; d < s.Rank; d++)
                    if (d != a && s[d] != shapes[0][d]) throw node.Refuse("inputs", $"inputs shaped {shapes[0]} and {s} differ outside axis {axis}.");
                dims[a] += s[a];
            }
            var outShape = new TensorShape(dims);
            return new ConcatOperation(node.Node.Label, slots, graph.NewSlot(outShape), shapes, a, outShape);
        }

        public static Operation Resize(NodeReader node, GraphCompiler graph)
        {
            node.ExpectInputs(3, 3);
            var inShape = node.Shape(0, "X");
            if (inShape.Rank != 3) throw node.Refuse("X", $"input 0 (X) is shaped {inShape}; the deterministic device resizes [N, C, H, W].");
            var mode = node.String("mode", "nearest");
            node.Require("mode", mode == "nearest", $"'{mode}'", "mode 'nearest'");
            var transform = node.String("coordinate_transformation_mode", "half_pixel");
            node.Require("coordinate_transformation_mode", transform == "asymmetric", $"'{transform}'", "'asymmetric' (PyTorch's nearest upsampling)");
            var nearest = node.String("nearest_mode", "round_prefer_floor");
            node.Require("nearest_mode", nearest == "floor", $"'{nearest}'", "nearest_mode 'floor'");
            // Read by cubic and crop-and-resize modes only: any value gives the same nearest/asymmetric result.
            node.Float("cubic_coeff_a", -0.75f);
            node.Int("exclude_outside", 0);
            node.Float("extrapolation_value", 0f);
            var scales = node.Constant(2, "scales", true).Floats;
            if (scales.Length != 4 || scales[0] != 1f || scales[1] != 1f || !Whole(scales[2]) || !Whole(scales[3]))
                throw node.Refuse("scales", $"scales [{string.Join(", ", Array.ConvertAll(scales, s => s.ToString("R", CultureInfo.InvariantCulture)))}] are not supported by the deterministic device (it runs [1, 1, sH, sW] with whole sH, sW from 1 to 64).");
            var scaleH = (int)scales[2];
            var scaleW = (int)scales[3];
            var slot = node.Slot(0, "X");
            return new ResizeOperation(node.Node.Label, slot, graph.NewSlot(new TensorShape(inShape.Channels, inShape.Height * scaleH, inShape.Width * scaleW)), inShape, scaleH, scaleW);
        }

        static bool Whole(float s) => s >= 1f && s <= 64f && s == (int)s;

        static long Clamp(long v, int dim) => v < 0 ? 0 : v > dim ? dim : v;

        static long[] Range(int n)
        {
            var r = new long[n];
            for (var i = 0; i < n; i++) r[i] = i;
            return r;
        }
    }
}
