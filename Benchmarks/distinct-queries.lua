-- wrk: every request a query the daemon has not answered before, so that no cache can serve it,
-- with the same answer: a random `to` day after 2025 (the generated events end before it).
local thread_count = 0

function setup(thread)
    thread_count = thread_count + 1
    thread:set("seed", thread_count)
end

function init(args)
    math.randomseed(os.time() * 1000 + seed)
end

function request()
    local to = string.format("%04d-%02d-%02d", math.random(2026, 9999), math.random(1, 12), math.random(1, 28))
    return wrk.format(nil, wrk.path .. "&to=" .. to)
end
