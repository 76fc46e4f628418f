using UnityEditor;
using UnityEngine;

namespace Wasserforge.Editor
{
    /// <summary>
    /// Registers <see cref="GeneratorValidation.RuntimeDependency"/> with the hash of
    /// <see cref="GeneratorValidation.RuntimeState"/> after each domain load, and refreshes the asset
    /// database when that state differs from the one registered earlier in this editor session, so
    /// generator assets imported before ONNX Runtime could load are validated again once it can.
    /// </summary>
    [InitializeOnLoad]
    static class RuntimeDependencyRegistration
    {
        const string RegisteredKey = "Wasserforge.RuntimeStateRegistered";

        static RuntimeDependencyRegistration() => EditorApplication.delayCall += Register;

        static void Register()
        {
            var state = GeneratorValidation.RuntimeState();
            if (SessionState.GetString(RegisteredKey, "") == state) return;
            // Never during an import (Unity forbids it there): delayCall runs after the domain has loaded.
            AssetDatabase.RegisterCustomDependency(GeneratorValidation.RuntimeDependency, Hash128.Compute(state));
            SessionState.SetString(RegisteredKey, state);
            AssetDatabase.Refresh();
        }
    }
}
