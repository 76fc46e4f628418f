using Wasserforge.Contract;

namespace Wasserforge.Editor
{
    /// <summary>Loads a model once on the CPU to check it against the contract; turns failures into messages.</summary>
    public static class GeneratorValidation
    {
        /// <summary>The description (null when invalid) and error messages.</summary>
        public struct Result
        {
            /// <summary>What the metadata says (null when the model is invalid).</summary>
            public GeneratorDescription Description;
            /// <summary>Problems, each naming the file.</summary>
            public string[] Errors;
        }

        /// <summary>Validates ONNX bytes; never throws for a bad model.</summary>
        public static Result Validate(byte[] onnx, string path)
        {
            try
            {
                using (var model = GeneratorModel.Load(onnx, new GeneratorOptions { Device = ExecutionDevice.Cpu }, path))
                    return new Result { Description = model.Description, Errors = new string[0] };
            }
            catch (ModelLoadException e)
            {
                return new Result { Errors = new[] { e.Message } };
            }
            catch (WasserforgeException e)
            {
                return new Result { Errors = new[] { path + ": " + e.Message } };
            }
        }
    }
}
