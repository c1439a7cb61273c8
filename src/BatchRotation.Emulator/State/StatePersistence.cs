using System.Text.Json;

namespace BatchRotation.Emulator.State;

/// <summary>Loads and saves the whole state as one JSON file (the emulator's --state-file).</summary>
public static class StatePersistence
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Keep the case-insensitive dictionaries the state creates instead of replacing them.
        PreferredObjectCreationHandling = System.Text.Json.Serialization.JsonObjectCreationHandling.Populate,
    };

    public static EmulatorState? Load(string path)
    {
        if (!File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<EmulatorState>(stream, Options)
            ?? throw new InvalidDataException($"The state file '{path}' is empty.");
    }

    public static void Save(EmulatorState state, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        lock (state.Sync)
        {
            using var stream = File.Create(temporary);
            JsonSerializer.Serialize(stream, state, Options);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
