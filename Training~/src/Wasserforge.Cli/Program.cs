namespace Wasserforge.Cli
{
    static class Program
    {
        static int Main(string[] args) => Cli.Run(args, System.Console.Out, System.Console.Error);
    }
}
