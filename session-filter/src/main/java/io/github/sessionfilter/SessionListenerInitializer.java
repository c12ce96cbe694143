package io.github.sessionfilter;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tells the filter which {@code @WebListener} classes listen to sessions: the container hands every
 * application class implementing a session listener interface to this initializer at start-up.
 */
@HandlesTypes({HttpSessionListener.class, HttpSessionAttributeListener.class, HttpSessionIdListener.class})
public final class SessionListenerInitializer implements ServletContainerInitializer {
    static final String ATTRIBUTE = SessionListenerInitializer.class.getName() + ".LISTENERS";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        List<String> annotated = new ArrayList<>();
        if (classes != null) {
            for (Class<?> type : classes) {
                if (type.isAnnotationPresent(WebListener.class)) {
                    annotated.add(type.getName());
                }
            }
        }
        context.setAttribute(ATTRIBUTE, List.copyOf(annotated));
    }
}
