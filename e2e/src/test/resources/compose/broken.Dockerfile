# Invalid: no such instruction, and not a port.
FROM eclipse-temurin:21-jre
COPYY target/app.jar /opt/app.jar
EXPOSE 99999
