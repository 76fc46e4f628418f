using System;
using System.Diagnostics;

namespace Wasserforge.Tests
{
    /// <summary>Decodes an 8-bit RGBA PNG with an independent, from-scratch reader (Python's zlib and struct), for tests.</summary>
    public static class IndependentPng
    {
        const string Script =
            "import sys,zlib,struct\nb=open(sys.argv[1],'rb').read();p=8;idat=b''\nwhile p<len(b):\n n,=struct.unpack('>I',b[p:p+4]);t=b[p+4:p+8];d=b[p+8:p+8+n]\n" +
            " if t==b'IHDR':w,h=struct.unpack('>II',d[:8])\n if t==b'IDAT':idat+=d\n p+=12+n\nraw=zlib.decompress(idat);s=w*4\n" +
            "print(w,h,b''.join(raw[y*(s+1)+1:(y+1)*(s+1)] for y in range(h)).hex())";

        /// <summary>Width, height and RGBA bytes (rows top-down).</summary>
        public static (int w, int h, byte[] rgba) Decode(string path)
        {
            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(Script);
            psi.ArgumentList.Add(path);
            using (var p = Process.Start(psi))
            {
                var parts = p.StandardOutput.ReadToEnd().Trim().Split(' ');
                p.WaitForExit();
                var hex = parts[2];
                var bytes = new byte[hex.Length / 2];
                for (var i = 0; i < bytes.Length; i++) bytes[i] = Convert.ToByte(hex.Substring(i * 2, 2), 16);
                return (int.Parse(parts[0]), int.Parse(parts[1]), bytes);
            }
        }
    }
}
