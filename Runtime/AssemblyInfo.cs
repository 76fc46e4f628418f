using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Wasserforge.Runtime.Tests")]
[assembly: InternalsVisibleTo("Wasserforge.Runtime.Unity")]
[assembly: InternalsVisibleTo("Wasserforge.Editor.Core")]
[assembly: InternalsVisibleTo("Wasserforge.Training")]
[assembly: InternalsVisibleTo("wasserforge")]
