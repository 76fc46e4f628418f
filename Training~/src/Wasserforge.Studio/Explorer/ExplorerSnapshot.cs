using System.Collections.Generic;

namespace Wasserforge.Studio.Explorer
{
    /// <summary>What the page needs to draw the explorer (serialised as JSON, camelCase).</summary>
    public sealed record ExplorerSnapshot(
        string Error,
        string Notice,
        string ModelName,
        int Width,
        int Height,
        int Channels,
        int LatentDim,
        int Version,
        int AnchorVersion,
        int Columns,
        int Rows,
        int CentreCell,
        string CentreLabel,
        float Spread,
        float Truncation,
        bool Slerp,
        int PathSteps,
        int AnchorCount,
        bool CanUndo,
        bool CanRedo,
        IReadOnlyList<int> Selection,
        IReadOnlyList<string> Bookmarks);

    /// <summary>What an export wrote.</summary>
    public sealed record ExportResult(string Folder, IReadOnlyList<string> Files);
}
