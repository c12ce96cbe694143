package io.github.sessionfilter.testing;

import io.github.sessionfilter.RedisCredentials;
import io.github.sessionfilter.RedisCredentialsProvider;

/** The ACL user that the test cluster's nodes know; proves the provider's credentials reach every node. */
public final class ClusterCredentials implements RedisCredentialsProvider {
    public static final String USER = "app";
    public static final String PASSWORD = "cluster-app-pass";

    @Override
    public RedisCredentials credentials() {
        return RedisCredentials.of(USER, PASSWORD);
    }

    /** redis-server arguments that create the user. */
    public static String[] serverArgs() {
        return new String[] {"--user", USER, "on", ">" + PASSWORD, "~*", "&*", "+@all"};
    }
}
