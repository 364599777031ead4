package io.wattline.web;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one node browser script for a test with a time budget, so that a slow or stuck run explains
 * itself. The script is told its budget ({@code WATTLINE_SCRIPT_BUDGET_MS}; script-watch.js ends it
 * with a report of every page and unanswered request before the budget is used up); its output is read
 * as it comes (never left to fill the pipe), printed, kept and handed to the test line by line. If the
 * script still outlives its budget by {@link #GRACE}, it and its Chromium are killed, and the outcome
 * carries what it printed so far. {@link #serverThreads()} gives the in-process server's threads for
 * the log.
 */
final class BrowserScript {

    /** Past the budget, for the script to print its own report and close its browser. */
    static final Duration GRACE = Duration.ofSeconds(30);

    /** What a test does with each line the script prints; {@code toScript} answers on its stdin. */
    interface LineHandler {
        void accept(String line, Writer toScript) throws Exception;
    }

    /** How the script ended: its exit code (-1 when killed), whether it ended by itself, all it printed. */
    record Outcome(int exitCode, boolean finished, String output) {
        boolean passed() {
            return finished && exitCode == 0;
        }
    }

    private BrowserScript() {
    }

    /** Runs {@code script} (in {@link BrowserSupport#WORK}) with {@code args} against {@code chromium}. */
    static Outcome run(Path chromium, Duration budget, LineHandler onLine, String script, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("node", BrowserSupport.WORK.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder node = new ProcessBuilder(command).redirectErrorStream(true);
        node.environment().put("WATTLINE_CHROMIUM", chromium.toString());
        node.environment().put("WATTLINE_SCRIPT_BUDGET_MS", Long.toString(budget.toMillis()));
        Process p = node.start();
        AtomicBoolean killed = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(budget.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                    killed.set(true);
                    kill(p);
                }
            } catch (InterruptedException e) {
                kill(p); // the test was cut short (its @Timeout): leave no browser behind
            }
        }, "browser-script-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                Writer toScript = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println(line);
                output.append(line).append('\n');
                onLine.accept(line, toScript);
            }
        } finally {
            // the output ends when node exits (or is killed); a Chromium it left must not load later tests
            p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            kill(p);
            watchdog.interrupt();
        }
        if (killed.get()) {
            output.append("(killed: the script did not end within its budget of ").append(budget.toSeconds())
                    .append(" s and ").append(GRACE.toSeconds()).append(" s more)\n");
            return new Outcome(-1, false, output.toString());
        }
        return new Outcome(p.exitValue(), true, output.toString());
    }

    /** The script and every process under it (Chromium's), children first. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /**
     * Every thread of this JVM (the server under test runs in it) with its state, the lock it waits
     * for and its stack: what the server was doing while a page hung, and whether anything left behind
     * by earlier tests was still running.
     */
    static String serverThreads() {
        StringBuilder out = new StringBuilder("server threads (this JVM) when the browser check failed:\n");
        var threads = ManagementFactory.getThreadMXBean();
        long[] deadlocked = threads.findDeadlockedThreads();
        if (deadlocked != null) {
            out.append("DEADLOCKED thread ids: ").append(java.util.Arrays.toString(deadlocked)).append('\n');
        }
        for (ThreadInfo t : threads.dumpAllThreads(true, true)) {
            out.append('"').append(t.getThreadName()).append("\" #").append(t.getThreadId()).append(' ')
                    .append(t.getThreadState());
            LockInfo lock = t.getLockInfo();
            if (lock != null) {
                out.append(" on ").append(lock);
                if (t.getLockOwnerName() != null) {
                    out.append(" held by \"").append(t.getLockOwnerName()).append('"');
                }
            }
            out.append('\n');
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(stack.length, 30); i++) {
                out.append("    at ").append(stack[i]).append('\n');
            }
            if (stack.length > 30) {
                out.append("    ... ").append(stack.length - 30).append(" more\n");
            }
        }
        return out.toString();
    }
}
