// Declarations of the UnityEngine API used by Runtime/Unity and Editor/Unity (signatures from
// Unity's scripting reference). Bodies throw: this assembly only exists for compile checks.
using System;

namespace UnityEngine
{
    public class Object
    {
        public string name { get => throw null; set => throw null; }
        public static void Destroy(Object obj) => throw null;
        public static void DestroyImmediate(Object obj) => throw null;
        public static bool operator ==(Object x, Object y) => throw null;
        public static bool operator !=(Object x, Object y) => throw null;
        public static implicit operator bool(Object exists) => throw null;
    }

    public class ScriptableObject : Object
    {
        public static T CreateInstance<T>() where T : ScriptableObject => throw null;
    }

    public class Component : Object
    {
        public T GetComponent<T>() => throw null;
    }

    public class Behaviour : Component { }

    public class MonoBehaviour : Behaviour { }

    public class Renderer : Component
    {
        public Material material { get => throw null; set => throw null; }
    }

    public class Material : Object
    {
        public Texture mainTexture { get => throw null; set => throw null; }
    }

    public class Texture : Object
    {
        public virtual int width { get => throw null; set => throw null; }
        public virtual int height { get => throw null; set => throw null; }
        public TextureWrapMode wrapMode { get => throw null; set => throw null; }
        public FilterMode filterMode { get => throw null; set => throw null; }
    }

    public sealed class Texture2D : Texture
    {
        public Texture2D(int width, int height, TextureFormat textureFormat, bool mipChain) => throw null;
        public void LoadRawTextureData(byte[] data) => throw null;
        public void Apply(bool updateMipmaps = true, bool makeNoLongerReadable = false) => throw null;
    }

    public enum TextureFormat { RGBA32 = 4 }
    public enum TextureWrapMode { Repeat = 0, Clamp = 1 }
    public enum FilterMode { Point = 0, Bilinear = 1 }

    public static class Debug
    {
        public static void LogException(Exception exception, Object context) => throw null;
    }

    public struct Hash128
    {
        public static Hash128 Compute(string data) => throw null;
    }

    public static class Application
    {
        public static event Action quitting;
        public static string dataPath => throw null;
    }

    public sealed class Event
    {
        public static Event current { get => throw null; set => throw null; }
        public bool shift => throw null;
        public bool control => throw null;
        public bool command => throw null;
    }

    public sealed class GUILayoutOption { }

    public static class GUILayout
    {
        public static bool Button(string text, params GUILayoutOption[] options) => throw null;
        public static bool Button(Texture image, params GUILayoutOption[] options) => throw null;
        public static void Label(string text, params GUILayoutOption[] options) => throw null;
        public static void BeginHorizontal(params GUILayoutOption[] options) => throw null;
        public static void EndHorizontal() => throw null;
        public static void Label(Texture image, params GUILayoutOption[] options) => throw null;
        public static GUILayoutOption Width(float width) => throw null;
        public static GUILayoutOption Height(float height) => throw null;
    }

    [AttributeUsage(AttributeTargets.Field)] public sealed class SerializeField : Attribute { }
    [AttributeUsage(AttributeTargets.Field)] public sealed class HideInInspector : Attribute { }
    [AttributeUsage(AttributeTargets.Field)] public class TooltipAttribute : Attribute { public TooltipAttribute(string tooltip) => throw null; }
    [AttributeUsage(AttributeTargets.Field)] public sealed class RangeAttribute : Attribute { public RangeAttribute(float min, float max) => throw null; }
    [AttributeUsage(AttributeTargets.Class)] public sealed class AddComponentMenu : Attribute { public AddComponentMenu(string menuName) => throw null; }
    [AttributeUsage(AttributeTargets.Class)] public sealed class DisallowMultipleComponent : Attribute { }
}

namespace UnityEngine
{
    public enum KeyCode { Space = 32 }

    public static class Input
    {
        public static bool GetKeyDown(KeyCode key) => throw null;
    }
}
