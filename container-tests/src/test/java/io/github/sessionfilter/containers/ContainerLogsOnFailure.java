package io.github.sessionfilter.containers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the console and log files of every container a test class started when one of its tests, or its
 * set-up, fails: a failure in a container test is usually explained by the container's log, not the assertion.
 * Register it as a {@code static} field and {@link #watch} each container.
 */
final class ContainerLogsOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {
    private final List<ContainerProcess> containers = new CopyOnWriteArrayList<>();

    ContainerProcess watch(ContainerProcess container) {
        containers.add(container);
        return container;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        print(context.getDisplayName() + " failed: " + cause);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
        print("set-up of " + context.getDisplayName() + " failed: " + cause);
        throw cause;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
        print("set-up of " + context.getDisplayName() + " failed: " + cause);
        throw cause;
    }

    private void print(String headline) {
        StringBuilder text = new StringBuilder("\n[container-tests] " + headline + "\n");
        if (containers.isEmpty()) {
            text.append("(no container was started)\n");
        }
        for (ContainerProcess container : containers) {
            text.append(container.report());
        }
        System.out.println(text);
    }
}
