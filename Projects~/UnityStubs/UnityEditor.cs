// Declarations of the UnityEditor API used by Editor/Unity (signatures from Unity's scripting
// reference, 2022.3+). Compile checks only.
using System;

namespace UnityEditor
{
    public class AssetImporter : UnityEngine.Object
    {
        public string userData { get => throw null; set => throw null; }
    }

    public class Editor : UnityEngine.ScriptableObject
    {
        public UnityEngine.Object target { get => throw null; set => throw null; }
        public virtual void OnInspectorGUI() => throw null;
    }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class CustomEditor : Attribute { public CustomEditor(Type inspectedType) => throw null; }

    public class EditorWindow : UnityEngine.ScriptableObject
    {
        public static T GetWindow<T>(string title) where T : EditorWindow => throw null;
        public void Repaint() => throw null;
    }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class MenuItem : Attribute { public MenuItem(string itemName) => throw null; }

    public static class EditorUtility
    {
        public static UnityEngine.Object InstanceIDToObject(int instanceID) => throw null;
    }

    public static class EditorApplication
    {
        public delegate void CallbackFunction();
        public static CallbackFunction update;
        public static CallbackFunction delayCall;
    }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class InitializeOnLoadAttribute : Attribute { }

    public static class AssemblyReloadEvents
    {
        public delegate void AssemblyReloadCallback();
        public static event AssemblyReloadCallback beforeAssemblyReload;
    }

    public static class SessionState
    {
        public static string GetString(string key, string defaultValue) => throw null;
        public static void SetString(string key, string value) => throw null;
    }

    public static class AssetDatabase
    {
        public static string GetAssetPath(UnityEngine.Object assetObject) => throw null;
        public static void Refresh() => throw null;
        public static void RegisterCustomDependency(string dependency, UnityEngine.Hash128 hashOfValue) => throw null;
    }

    public enum MessageType { None = 0, Info = 1, Warning = 2, Error = 3 }

    public static class EditorGUILayout
    {
        public static void LabelField(string label, string label2, params UnityEngine.GUILayoutOption[] options) => throw null;
        public static void HelpBox(string message, MessageType type) => throw null;
        public static long LongField(string label, long value, params UnityEngine.GUILayoutOption[] options) => throw null;
        public static UnityEngine.Object ObjectField(string label, UnityEngine.Object obj, Type objType, bool allowSceneObjects, params UnityEngine.GUILayoutOption[] options) => throw null;
        public static float Slider(string label, float value, float leftValue, float rightValue, params UnityEngine.GUILayoutOption[] options) => throw null;
        public static string TextField(string label, string text, params UnityEngine.GUILayoutOption[] options) => throw null;
    }
}

namespace UnityEditor.Callbacks
{
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class OnOpenAssetAttribute : Attribute { }
}

namespace UnityEditor.AssetImporters
{
    public abstract class ScriptedImporter : AssetImporter
    {
        public abstract void OnImportAsset(AssetImportContext ctx);
    }

    [AttributeUsage(AttributeTargets.Class)]
    public class ScriptedImporterAttribute : Attribute
    {
        public ScriptedImporterAttribute(int version, string ext) => throw null;
        public ScriptedImporterAttribute(int version, string[] exts) => throw null;
        public ScriptedImporterAttribute(int version, string[] exts, string[] overrideExts) => throw null;
    }

    public class AssetImportContext
    {
        public string assetPath => throw null;
        public void AddObjectToAsset(string identifier, UnityEngine.Object obj) => throw null;
        public void SetMainObject(UnityEngine.Object obj) => throw null;
        public void LogImportError(string msg, UnityEngine.Object obj = null) => throw null;
        public void LogImportWarning(string msg, UnityEngine.Object obj = null) => throw null;
        public void DependsOnCustomDependency(string dependency) => throw null;
    }
}
