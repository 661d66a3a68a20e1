/*
 * The floor of the policykoll benchmark: libyaml's bare event parse of the same files.
 * It reads each file named on standard input (one path per line) and pulls every event,
 * doing nothing else. Build: cc -O2 -o yaml_floor yaml_floor.c $(pkg-config --cflags --libs yaml-0.1)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static long parse_file(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); return -1; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *buffer = malloc(size > 0 ? size : 1);
    if (size > 0 && fread(buffer, 1, size, file) != (size_t)size) { fclose(file); free(buffer); return -1; }
    fclose(file);

    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, buffer, size);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) { fprintf(stderr, "%s: parse error\n", path); break; }
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
        if (done) break;
    }
    yaml_parser_delete(&parser);
    free(buffer);
    return events;
}

int main(void) {
    char line[4096];
    long files = 0, events = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (!*line) continue;
        long count = parse_file(line);
        if (count < 0) return 1;
        events += count;
        files++;
    }
    printf("%ld files, %ld events\n", files, events);
    return 0;
}
