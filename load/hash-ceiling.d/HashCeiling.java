/** The hash-bound ceiling of signup: bcrypt hashes per CPU-second at cost 4 and 10, on the thread that hashes. */
import java.lang.management.ManagementFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
public class HashCeiling {
    public static void main(String[] a) {
        var mx = ManagementFactory.getThreadMXBean();
        for (int cost : new int[] {4, 10}) {
            var enc = new BCryptPasswordEncoder(cost);
            int warm = cost == 4 ? 3000 : 30, n = cost == 4 ? 5000 : 60;
            for (int i = 0; i < warm; i++) enc.encode("password-" + i);
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            for (int i = 0; i < n; i++) enc.encode("password-" + i);
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9, wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf("{\"cost\":%d,\"hashes\":%d,\"cpu_ms_per_hash\":%.3f,\"hashes_per_cpu_s\":%.1f,\"wall_per_s\":%.1f}%n", cost, n, cpu * 1000 / n, n / cpu, n / wall);
        }
    }
}
