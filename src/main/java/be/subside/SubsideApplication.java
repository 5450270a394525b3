package be.subside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SubsideApplication {

    public static void main(String[] args) {
        SpringApplication.run(SubsideApplication.class, args);
    }
}
