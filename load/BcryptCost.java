import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Raw ceiling for signup and login: milliseconds of one core per bcrypt hash at a cost, the same BCrypt class the
 * application's encoder uses. Run by load/ceilings: java -cp spring-security-crypto.jar load/BcryptCost.java COST N
 */
public class BcryptCost {
    public static void main(String[] args) {
        int cost = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        String salt = BCrypt.gensalt(cost);
        for (int i = 0; i < 3; i++) BCrypt.hashpw("warm-up-" + i, salt); // JIT
        long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) BCrypt.hashpw("load-password-" + i, salt);
        double wall = (System.nanoTime() - t0) / 1e6 / n;
        double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e6 / n;
        System.out.printf(java.util.Locale.ROOT, "{\"cost\": %d, \"hashes\": %d, \"wall_ms_per_hash\": %.2f, \"cpu_ms_per_hash\": %.2f, \"hashes_per_core_s\": %.1f}%n",
                cost, n, wall, cpu, 1000 / cpu);
    }
}
