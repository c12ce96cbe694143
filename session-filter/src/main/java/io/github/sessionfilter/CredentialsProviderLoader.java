package io.github.sessionfilter;

import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * Instantiates the class named by {@code redis.credentials-provider} with the web application's class
 * loader (the class usually lives in {@code WEB-INF/classes} or {@code WEB-INF/lib}).
 */
final class CredentialsProviderLoader {
    private CredentialsProviderLoader() {
    }

    /** The provider, or null when the setting is unset; a class that cannot be used fails the start-up. */
    static RedisCredentialsProvider load(String className, ClassLoader loader) {
        if (className == null) {
            return null;
        }
        String setting = Setting.REDIS_CREDENTIALS_PROVIDER.key() + " (" + Setting.REDIS_CREDENTIALS_PROVIDER.environmentVariable() + ")";
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!RedisCredentialsProvider.class.isAssignableFrom(type)) {
                throw problem(setting + " '" + className + "' does not implement " + RedisCredentialsProvider.class.getName());
            }
            return (RedisCredentialsProvider) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw problem(setting + " '" + className + "' is not a class the web application can load");
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw problem(setting + " '" + className + "' has no public no-argument constructor");
        } catch (InstantiationException e) {
            throw problem(setting + " '" + className + "' is abstract");
        } catch (InvocationTargetException e) {
            throw problem(setting + " '" + className + "': the constructor failed: " + e.getCause());
        }
    }

    private static SessionFilterConfigurationException problem(String text) {
        return new SessionFilterConfigurationException(List.of(text));
    }
}
