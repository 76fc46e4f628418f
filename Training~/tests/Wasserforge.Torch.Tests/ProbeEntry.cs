using System;

namespace Wasserforge.Torch.Tests
{
    /// <summary>Entry point used only by <see cref="ErrorTests.MissingShimLibraryIsAClearException"/>: run in a folder without the shim, it must get a TorchException.</summary>
    public static class ProbeEntry
    {
        public static int Main()
        {
            if (Environment.GetEnvironmentVariable("WF_PROBE_MISSING_SHIM") != "1") return 2;
            try
            {
                torch.zeros(new long[] { 1 });
                Console.WriteLine("shim unexpectedly loaded");
                return 1;
            }
            catch (TorchException e)
            {
                Console.WriteLine("MISSING-SHIM-OK " + e.Message);
                return 0;
            }
        }
    }
}
