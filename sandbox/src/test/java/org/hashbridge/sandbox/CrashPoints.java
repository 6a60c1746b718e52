package org.hashbridge.sandbox;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hashbridge.node.chain.RegistryChain;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A node that dies at a chosen point of a chain write, for the crash tests only: started with
 * {@code --spring.main.sources=org.hashbridge.sandbox.CrashPoints}, a node's {@link RegistryChain} is wrapped
 * so that an armed write either dies before it reaches the chain, or reaches the real chain, is mined, and
 * dies before the node hears of it (so before any database update). From its crash on, that write of that
 * node never completes again, as in a process that is gone; the test then restarts the node on the same
 * database and chain, disarmed.
 */
@Configuration(proxyBeanMethods = false)
public class CrashPoints {

    enum Point {
        /** the outbox step is stored; the node dies before sending it. */
        BEFORE_SEND,
        /** the write is mined; the node dies before it learns so, so before the database update. */
        AFTER_MINED
    }

    /** What a dead node's write ends with. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    private static final Map<String, Map<String, Point>> ARMED = new ConcurrentHashMap<>();
    private static final Map<String, Set<String>> CRASHED = new ConcurrentHashMap<>();

    /** Makes the next call of each of {@code functions} (RegistryChain method names) by {@code operator}'s node die at {@code point}. */
    static void arm(String operator, Point point, String... functions) {
        Map<String, Point> armed = new ConcurrentHashMap<>();
        for (String function : functions) {
            armed.put(function, point);
        }
        ARMED.put(operator, armed);
        CRASHED.put(operator, ConcurrentHashMap.newKeySet());
    }

    static void disarm(String operator) {
        ARMED.remove(operator);
        CRASHED.remove(operator);
    }

    /** The functions of {@code operator}'s node that died so far. */
    static Set<String> crashed(String operator) {
        return Set.copyOf(CRASHED.getOrDefault(operator, Set.of()));
    }

    @Bean
    static BeanPostProcessor crashingRegistryChain(Environment environment) {
        String operator = environment.getRequiredProperty("hashbridge.node.operator");
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof RegistryChain chain ? crashing(operator, chain) : bean;
            }
        };
    }

    private static Object crashing(String operator, RegistryChain chain) {
        return Proxy.newProxyInstance(CrashPoints.class.getClassLoader(), new Class<?>[] {RegistryChain.class, AutoCloseable.class},
                (proxy, method, args) -> {
                    Point point = ARMED.getOrDefault(operator, Map.of()).get(method.getName());
                    Set<String> crashed = CRASHED.getOrDefault(operator, Set.of());
                    if (point == null) {
                        return invoke(chain, method, args);
                    }
                    if (!crashed.add(method.getName())) {
                        throw new SimulatedCrash(operator + " died earlier in " + method.getName());
                    }
                    if (point == Point.AFTER_MINED) {
                        invoke(chain, method, args);
                    }
                    throw new SimulatedCrash(operator + " dies " + point + " of " + method.getName());
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
