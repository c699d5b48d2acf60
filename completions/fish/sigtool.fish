# fish completion for sigtool
# Thin by design: the candidates, with their descriptions, come from
# `sigtool --complete WORD...`, which reads the same verb table as the option
# parser, so they cannot go stale.

function __sigtool_complete --description 'Ask sigtool for the completions of the current word'
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    # the binary the user typed, so that ./src/sigtool completes itself
    set -l prog $tokens[1]
    command -q -- $prog; or set prog sigtool
    for line in (command $prog --complete $tokens[2..] $cur 2>/dev/null)
        switch $line
            case :file
                # --pidfile=/tm: complete the path after the '='
                set -l pre (string match -r -- '^--[^=]*=' $cur)
                set -l path (string replace -r -- '^--[^=]*=' '' $cur)
                for f in (__fish_complete_path $path)
                    printf '%s%s\n' "$pre" $f
                end
            case :command
                __fish_complete_command
            case '*'
                # already "word<TAB>description", as fish wants it
                printf '%s\n' $line
        end
    end
end

complete -c sigtool -f -a '(__sigtool_complete)'
