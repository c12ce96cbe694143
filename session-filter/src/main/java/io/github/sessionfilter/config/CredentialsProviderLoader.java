package io.github.sessionfilter.config;

import io.github.sessionfilter.RedisCredentials;
import io.github.sessionfilter.RedisCredentialsProvider;
import io.github.sessionfilter.redis.CredentialsSource;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * Instantiates the class named by {@code redis.credentials-provider} with the web application's class
 * loader (the class usually lives in {@code WEB-INF/classes} or {@code WEB-INF/lib}), and adapts it to
 * what the Redis connection asks.
 */
final class CredentialsProviderLoader {
    private CredentialsProviderLoader() {
    }

    /** The provider as a credentials source; null when the setting is unset or the class cannot be used (a problem is added). */
    static CredentialsSource load(String className, ClassLoader loader, List<String> problems) {
        if (className == null) {
            return null;
        }
        String setting = Setting.REDIS_CREDENTIALS_PROVIDER.key() + " (" + Setting.REDIS_CREDENTIALS_PROVIDER.environmentVariable() + ")";
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!RedisCredentialsProvider.class.isAssignableFrom(type)) {
                problems.add(setting + " '" + className + "' does not implement " + RedisCredentialsProvider.class.getName());
                return null;
            }
            return new Adapter((RedisCredentialsProvider) type.getConstructor().newInstance(), loader);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(setting + " '" + className + "' is not a class the web application can load");
        } catch (NoSuchMethodException | IllegalAccessException e) {
            problems.add(setting + " '" + className + "' has no public no-argument constructor");
        } catch (InstantiationException e) {
            problems.add(setting + " '" + className + "' is abstract");
        } catch (InvocationTargetException e) {
            problems.add(setting + " '" + className + "': the constructor failed: " + e.getCause());
        }
        return null;
    }

    /** The application's provider, as the Redis connection asks for credentials. */
    private record Adapter(RedisCredentialsProvider provider, ClassLoader classLoader) implements CredentialsSource {
        @Override
        public Credentials credentials() throws Exception {
            RedisCredentials credentials = provider.credentials();
            return credentials == null ? null : new Credentials(credentials.username(), credentials.password());
        }

        @Override
        public String description() {
            return provider.getClass().getName();
        }

        @Override
        public void close() throws Exception {
            if (provider instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
