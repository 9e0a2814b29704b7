package bouncemx.config;

/**
 * Configuration that cannot be used: a missing or unreadable file, a YAML syntax error, an unknown key or a
 * bad value. The message is always ONE line, "FILE: KEY: problem" (without "FILE: " when no file was given),
 * ready to print after "bouncemx: " and exit with status 2. Immutable.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message.replaceAll("\\s*\\R\\s*", " ").strip());
    }
}
