package be.subside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class SubsideApplication {

    public static void main(String[] args) {
        SpringApplication.run(SubsideApplication.class, args);
    }
}
